// Support code shared by every room: issues and errors, checks, names, hashing, CIDRs, YAML.
export * from './issues';
export * from './checks';
export * from './names';
export * from './hash';
export * from './cidr';
export * from './yaml';
export * from './shape';

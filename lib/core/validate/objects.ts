/**
 * The spec's rules, checked again on the final objects of a cluster after overrides. An
 * override can set any field, so it must not produce what the spec rules refuse: an even
 * control plane, a minor-only version, a plain-text password or bootstrap token. Each check
 * reuses the function the spec rule uses; paths are the object's own (`spec.replicas`).
 */
import { KINDS, Manifest } from '../../capi';
import { cidrsOverlap } from '../../support/cidr';
import { checkInteger } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { SupportedVersionWindow } from '../versions';
import { checkAnnotations, checkCidrList, checkLabels, checkNodeStartupTimeout, checkVersion } from './_checks';
import { checkControlPlaneReplicas, checkControlPlaneSurge } from './control-plane';
import { checkKubeadmConfigObject } from './kubeadm';
import { checkRollingUpdate } from './worker-pool';

type Json = Record<string, any>;

/** Checks one final object; `report` receives paths inside the object. */
export function checkFinalObject(report: IssueSink, m: Manifest, window: SupportedVersionWindow): void {
  const spec: Json = (m as Json).spec ?? {};
  checkLabels(report, 'metadata.labels', m.metadata.labels);
  checkAnnotations(report, 'metadata.annotations', m.metadata.annotations);
  switch (m.kind) {
    case KINDS.cluster: {
      const net: Json = spec.clusterNetwork ?? {};
      const pods = checkCidrList(report, 'spec.clusterNetwork.pods.cidrBlocks', net.pods?.cidrBlocks);
      const services = checkCidrList(report, 'spec.clusterNetwork.services.cidrBlocks', net.services?.cidrBlocks);
      for (const s of services) {
        const overlap = pods.find(p => cidrsOverlap(p.cidr, s.cidr));
        if (overlap) report({ path: s.path, message: `the service network overlaps the pod network ${overlap.cidr.text}`, value: s.cidr.text });
      }
      break;
    }
    case KINDS.kubeadmControlPlane:
      checkControlPlaneReplicas(report, 'spec.replicas', spec.replicas);
      checkVersion(report, 'spec.version', spec.version, window);
      checkControlPlaneSurge(report, 'spec.rollout.strategy.rollingUpdate.maxSurge', spec.rollout?.strategy?.rollingUpdate?.maxSurge);
      checkKubeadmConfigObject(report, 'spec.kubeadmConfigSpec', spec.kubeadmConfigSpec ?? {});
      break;
    case KINDS.kubeadmConfigTemplate:
      checkKubeadmConfigObject(report, 'spec.template.spec', spec.template?.spec ?? {});
      break;
    case KINDS.machineDeployment: {
      checkInteger(report, 'spec.replicas', spec.replicas, 0);
      checkVersion(report, 'spec.template.spec.version', spec.template?.spec?.version, window);
      const rolling = spec.rollout?.strategy?.rollingUpdate;
      if (rolling) checkRollingUpdate(report, 'spec.rollout.strategy.rollingUpdate', rolling.maxSurge, rolling.maxUnavailable);
      break;
    }
    case KINDS.machineHealthCheck:
      checkNodeStartupTimeout(report, 'spec.checks.nodeStartupTimeoutSeconds', spec.checks?.nodeStartupTimeoutSeconds);
      break;
  }
}

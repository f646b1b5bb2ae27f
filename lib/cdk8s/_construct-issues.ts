import { Construct } from 'constructs';
import { CapiValidationError, ValidationIssue } from '../support/issues';

/** Throws one CapiValidationError naming the construct class and path, or returns when there is no issue. */
export function throwIfIssues(scope: Construct, issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new CapiValidationError(issues, `${scope.constructor.name} [${scope.node.path}]`);
}

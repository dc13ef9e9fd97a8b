import { type Finding, FindingCode } from '../finding.js';
import type { TemplateModel } from '../template-model.js';

/**
 * The default budget: Lambda's default quota of 250 network interfaces per VPC. Each concurrent
 * execution of a VPC function needs network capacity (an interface per subnet and security group,
 * and addresses in the subnets); the seed's team ran out of interfaces long before concurrency.
 */
export const DEFAULT_VPC_CONCURRENCY_BUDGET = 250;

/**
 * Functions in a VPC have a ReservedConcurrentExecutions cap, and the caps of one template stay
 * within the network-interface budget. Uncapped, a VPC function can take the whole account pool
 * and exhaust the VPC's interfaces and addresses first, failing in ways that look like timeouts.
 */
export function checkVpcConcurrency(
  model: TemplateModel,
  budget = DEFAULT_VPC_CONCURRENCY_BUDGET,
): Finding[] {
  const findings: Finding[] = [];
  let total = 0;
  const capped: string[] = [];
  for (const fn of model.functions) {
    if (!fn.inVpc) continue;
    if (fn.reservedConcurrency === undefined) {
      findings.push({
        code: FindingCode.VPC_CONCURRENCY_UNBOUNDED,
        file: model.file,
        resource: fn.id,
        property: 'Properties.ReservedConcurrentExecutions',
        message: `in a VPC with no ReservedConcurrentExecutions: it could scale to the account's whole concurrency and run out of network interfaces (budget ${budget}) before that; cap it`,
      });
      continue;
    }
    total += fn.reservedConcurrency;
    capped.push(fn.id);
  }
  if (total > budget) {
    findings.push({
      code: FindingCode.VPC_ENI_BUDGET_EXCEEDED,
      file: model.file,
      resource: capped[capped.length - 1],
      property: 'Properties.ReservedConcurrentExecutions',
      message: `the VPC functions ${capped.join(', ')} may run ${total} executions at once, over the network-interface budget of ${budget}: lower their ReservedConcurrentExecutions or raise the quota and the budget`,
    });
  }
  return findings;
}

export { DeployBucket, deployBucketName } from './artifacts/deploy-bucket.js';
export {
  type BundleRequest,
  type BundleResult,
  cloudFunctionBundler,
  type FunctionBundler,
} from './artifacts/function-bundler.js';
export { type PackagedTemplate, type PackageRequest, packageTemplate } from './artifacts/package-template.js';
export { type ZipArtifact, zipDirectory } from './artifacts/zip-directory.js';
export { assertAccount, assertAccountNotShared, type GuardedEnvironment } from './aws/account-guard.js';
export { type AwsClients, type AwsTarget, awsClients } from './aws/aws-clients.js';
export { type DeployReport, deployProject } from './deploy-project.js';
export { type DeployOptions, type DeploySession, openSession } from './deploy-session.js';
export { type DestroyOutcome, destroyService } from './destroy-service.js';
export { DeployError, DeployErrorCode } from './errors.js';
export { type AlarmSpec, alarmArn, cloudWatchAlarm } from './monitoring/alarms.js';
export { type DashboardInput, type DashboardService, dashboardBody } from './monitoring/dashboard-body.js';
export { monitoringStackTemplate, validateMonitoring } from './monitoring/monitoring-stack.js';
export {
  MONITORING_SERVICE,
  type MonitoredStack,
  type MonitoringTemplateRequest,
  monitoringTemplate,
} from './monitoring/monitoring-template.js';
export {
  addServiceAlarms,
  CANARY_ALIAS,
  type ServiceAdditions,
  type ServiceAdditionsRequest,
} from './monitoring/service-alarms.js';
export { planProject, type StackPlan } from './plan-project.js';
export { deployStack, type StackOutcome } from './stack-deploy.js';
export { CAPABILITIES, type ChangeSetResult, createChangeSet, formatChange } from './stacks/change-set.js';
export { type PreparedStack, prepareStacks, type StackTarget } from './stacks/prepare-stacks.js';
export {
  parameterVariable,
  type StackParameterValues,
  stackParameterValues,
} from './stacks/stack-parameters.js';
export { type Sleep, watchStack } from './stacks/stack-watch.js';
export { DEFAULT_VPC_CONCURRENCY_BUDGET } from './validate/checks/vpc-concurrency.js';
export { type Finding, FindingCode, formatFinding } from './validate/finding.js';
export { repositoryTemplates } from './validate/repository-templates.js';
export { loadResourceSpec, ResourceSpec } from './validate/resource-spec.js';
export {
  type ValidateTemplateOptions,
  validateDocument,
  validateTemplate,
} from './validate/validate-template.js';
export { emptySiteBucket } from './web/site-bucket.js';
export { type SiteFile, siteFiles } from './web/site-files.js';
export { type PublishedSite, publishSite } from './web/site-publish.js';
export { uploadSite } from './web/site-upload.js';
export { WEB_SERVICE, webSelected } from './web/web-stack.js';

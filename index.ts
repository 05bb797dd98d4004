// ChatMRPT production infrastructure. `pulumi up --stack prod` builds it from Pulumi.prod.yaml.
import { runProgram } from "./stacks/program";

const outputs = runProgram();

export const siteUrl = outputs.siteUrl;
export const cloudFrontDomain = outputs.cloudFrontDomain;
export const cloudFrontDistributionId = outputs.cloudFrontDistributionId;
export const albDnsName = outputs.albDnsName;
export const redisEndpoint = outputs.redisEndpoint;
export const autoScalingGroupName = outputs.autoScalingGroupName;
export const uploadsBucketName = outputs.uploadsBucketName;
export const accessLogsBucketName = outputs.accessLogsBucketName;
export const alertTopicArn = outputs.alertTopicArn;
export const dashboardName = outputs.dashboardName;
export const backupVaultName = outputs.backupVaultName;
export const certificateValidationRecords = outputs.certificateValidationRecords;
export const dnsRecords = outputs.dnsRecords;
/** The router's KeyValueStore (`npm run route` writes its activeOrigin key); empty without a legacy origin. */
export const originRouterKeyValueStoreArn = outputs.originRouterKeyValueStoreArn;
/** The SSM document the runbook sends to copy old prod's uploads to the new instances; empty without a legacy origin. */
export const legacyUploadsDocumentName = outputs.legacyUploadsDocumentName;
/** The SSM document the runbook sends to copy old prod's sessions to this stack's Redis; empty without a legacy origin. */
export const legacySessionsDocumentName = outputs.legacySessionsDocumentName;

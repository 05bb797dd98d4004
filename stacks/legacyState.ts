/**
 * The cutover's copies of users' state from old prod, as SSM documents the runbook sends:
 * their uploaded files and their sessions, both through the uploads bucket. They exist only
 * while old prod is an origin (chatmrpt:legacyOriginDomainName), and go with it.
 */
import { LegacySessionsDocument } from "../components/legacySessionsDocument";
import { LegacyUploadsDocument } from "../components/legacyUploadsDocument";
import { SecureBucket } from "../components/secureBucket";
import { StackConfig } from "./stackConfig";

export interface LegacyStateDocuments {
    readonly uploads: LegacyUploadsDocument;
    readonly sessions: LegacySessionsDocument;
}

export function createLegacyStateDocuments(
    config: StackConfig,
    uploadsBucket: SecureBucket,
): LegacyStateDocuments | undefined {
    if (config.cutover.legacy === undefined) return undefined;
    const prefix = config.project;
    const common = { bucketName: uploadsBucket.bucketName, region: config.region, tags: config.tags };
    return {
        uploads: new LegacyUploadsDocument(`${prefix}-legacy-uploads`, common),
        sessions: new LegacySessionsDocument(`${prefix}-legacy-sessions`, common),
    };
}

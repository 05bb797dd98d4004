import { StackValidationPolicy } from "@pulumi/policy";
import { configuring, dataBuckets } from "../lib/buckets";
import { peekPath } from "../lib/known";
import { show, T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

export const dataBucketsVersioned: StackValidationPolicy = {
    name: "data-buckets-versioned",
    description: "Checks that every bucket holding data (all but ALB log buckets) has versioning enabled.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const versioning = ofType(args.resources, T.bucketVersioning);
        for (const bucket of dataBuckets(args.resources)) {
            const mine = configuring(versioning, bucket, ofType(args.resources, T.bucket))[0];
            const status =
                (mine ? peekPath(mine.props, "versioningConfiguration", "status") : undefined) ??
                (peekPath(bucket.props, "versioning", "enabled") === true ? "Enabled" : undefined);
            if (status !== "Enabled")
                report(
                    `data bucket ${bucket.name} must have versioning Enabled; found ${show(status)}`,
                    bucket.urn,
                );
        }
    },
};

import { StackValidationPolicy } from "@pulumi/policy";
import { configures, dataBuckets } from "../lib/buckets";
import { peekPath } from "../lib/known";
import { isOneOf, show, T } from "../lib/types";

export const dataBucketsVersioned: StackValidationPolicy = {
    name: "data-buckets-versioned",
    description: "Checks that every bucket holding data (all but ALB log buckets) has versioning enabled.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const versioning = args.resources.filter((r) => isOneOf(r.type, T.bucketVersioning));
        for (const bucket of dataBuckets(args.resources)) {
            const mine = versioning.find((v) => configures(v, bucket));
            const status = (mine ? peekPath(mine.props, "versioningConfiguration", "status") : undefined) ??
                (peekPath(bucket.props, "versioning", "enabled") === true ? "Enabled" : undefined);
            if (status !== "Enabled") report(`data bucket ${bucket.name} must have versioning Enabled; found ${show(status)}`, bucket.urn);
        }
    },
};

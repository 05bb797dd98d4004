import { StackValidationPolicy } from "@pulumi/policy";
import { objects, peek } from "../lib/known";
import { T } from "../lib/types";
import { ofType } from "../lib/stackIndex";
import { LEGACY_ORIGIN_ID } from "./cloudfrontOriginHttps";

export const adoptedDistributionProtected: StackValidationPolicy = {
    name: "adopted-distribution-protected",
    description:
        "Checks that a distribution the stack adopted (one serving old prod's legacy origin, or one whose ID the pack config lists) is created with protect: true, and that every listed ID is still declared, so no change can replace or delete the distribution users reach. retainOnDelete is not visible to policies (the engine does not send it); test/cutover.test.ts asserts it.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            // The IDs of distributions adopted with the `import` option (the engine does not tell policies which were imported).
            adoptedDistributionIds: { type: "array", items: { type: "string" }, default: [] },
        },
    },
    validateStack: (args, report) => {
        const { adoptedDistributionIds } = args.getConfig<{ adoptedDistributionIds: string[] }>();
        const distributions = ofType(args.resources, T.distribution);
        const ids = distributions.map((d) => peek(d.props, "id"));
        // The pack config is the record of an adoption: a listed distribution the stack no longer
        // declares under its ID would be updated to another shape or left behind. A preview that
        // does not know an ID yet cannot tell.
        if (ids.every((id) => typeof id === "string")) {
            for (const listed of adoptedDistributionIds.filter((x) => !ids.includes(x)))
                report(
                    `distribution ${listed} is in adoptedDistributionIds but the stack declares no distribution with that ID: keep chatmrpt:adoptDistributionId ${listed} and chatmrpt:adoptedDistributionConfig set, or release it explicitly (chatmrpt:releaseAdoptedDistribution true) and remove it from adoptedDistributionIds`,
                );
        }
        for (const d of distributions) {
            const id = peek(d.props, "id");
            const legacy = objects(peek(d.props, "origins")).some(
                (o) => peek(o, "originId") === LEGACY_ORIGIN_ID,
            );
            const listed = typeof id === "string" && adoptedDistributionIds.includes(id);
            if (!legacy && !listed) continue;
            if (d.opts.protect !== true) {
                const why = listed
                    ? `its ID ${id} is in adoptedDistributionIds`
                    : `it serves the ${LEGACY_ORIGIN_ID} origin`;
                report(
                    `distribution ${d.name} was adopted (${why}) and must be created with protect: true (and retainOnDelete: true); found protect: false`,
                    d.urn,
                );
            }
        }
    },
};

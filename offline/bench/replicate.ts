import { RecordedResource } from "../engine/mockRuntime";

/** `copies` copies of the stack, every name, URN and ID made distinct per copy. */
export function replicate(records: RecordedResource[], copies: number): RecordedResource[] {
    const ids = [...new Set(records.map((r) => r.id).filter((id) => /^[a-z]+-[0-9a-f]+$/.test(id)))];
    // With no known IDs (a first preview) there is nothing to rename: an empty alternation would match everywhere.
    const idPattern =
        ids.length === 0
            ? undefined
            : new RegExp(`\\b(${ids.map((id) => id.replace(/[-]/g, "\\-")).join("|")})\\b`, "g");
    const text = JSON.stringify(records);
    const out: RecordedResource[] = [];
    for (let k = 0; k < copies; k++) {
        const suffix = k.toString(16).padStart(4, "0");
        out.push(
            ...(JSON.parse(
                (idPattern ? text.replace(idPattern, (id) => `${id}${suffix}`) : text).replace(
                    /chatmrpt-/g,
                    `chatmrpt${k}-`,
                ),
            ) as RecordedResource[]),
        );
    }
    return out;
}

/**
 * Generated parts of hand-written Markdown: each sits between a begin and an end marker and
 * is replaced whole by `npm run docs`; `npm run docs -- --check` (and a test) fails while one
 * is out of date. Markers are HTML comments, so GitHub shows nothing of them.
 */

export const begin = (name: string): string =>
    `<!-- BEGIN GENERATED ${name}: npm run docs rewrites this part -->`;
export const end = (name: string): string => `<!-- END GENERATED ${name} -->`;

/** The names of the generated parts a document holds, in order. */
export function sectionNames(doc: string): string[] {
    return [...doc.matchAll(/<!-- BEGIN GENERATED ([\w-]+):/g)].map((m) => m[1]);
}

/** The text between a part's markers (without them), or undefined when the document has none. */
export function sectionOf(doc: string, name: string): string | undefined {
    const from = doc.indexOf(begin(name));
    const to = doc.indexOf(end(name));
    if (from < 0 || to < from) return undefined;
    return doc
        .slice(from + begin(name).length, to)
        .replace(/^\n/, "")
        .replace(/\n$/, "");
}

/** The document with a part's body replaced; a document without both markers is an error. */
export function replaceSection(doc: string, name: string, body: string, file: string): string {
    const from = doc.indexOf(begin(name));
    const to = doc.indexOf(end(name));
    if (from < 0 || to < from)
        throw new Error(
            `${file}: no generated part ${name} (expected the lines ${begin(name)} and ${end(name)})`,
        );
    return `${doc.slice(0, from + begin(name).length)}\n${body}\n${doc.slice(to)}`;
}

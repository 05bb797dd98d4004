/**
 * mermaid's own parser (the package GitHub's renderer is built from), loaded once per test
 * process. mermaid imports DOMPurify, which looks for a window when it loads; jsdom provides
 * one for the load only (parsing needs no DOM), so no other test sees a global window.
 */
import { JSDOM } from "jsdom";

type Parse = (source: string) => Promise<{ diagramType: string }>;
let loaded: Promise<Parse> | undefined;

async function load(): Promise<Parse> {
    const g = globalThis as { window?: unknown };
    g.window = new JSDOM("").window;
    try {
        const { default: mermaid } = await import("mermaid");
        // Without { suppressErrors: true }, a diagram that does not parse throws.
        return (source) => mermaid.parse(source);
    } finally {
        delete g.window;
    }
}

/** The diagram's type (`flowchart-v2`), or a rejection with mermaid's parse error. */
export function parseMermaid(source: string): Promise<{ diagramType: string }> {
    loaded ??= load();
    return loaded.then((parse) => parse(source));
}

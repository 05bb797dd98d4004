/**
 * Measures the code the size rules cover (issue 18): every non-test, non-generated .ts file
 * of the program, the pack and the offline tools. Functions are measured with the TypeScript
 * compiler's own parse (declarations, methods, constructors, accessors, arrows, expressions).
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ROOT } from "./helpers";

/** The folders (and root files) that hold non-test code. */
const SOURCE_ROOTS = ["index.ts", "components", "stacks", "policies", "offline"];

/** Every non-test, non-generated TypeScript file, relative to the project root. */
export function sourceFiles(): string[] {
    const walk = (rel: string): string[] => {
        const full = path.join(ROOT, rel);
        if (!fs.existsSync(full)) return [];
        if (fs.statSync(full).isFile()) return rel.endsWith(".ts") ? [rel] : [];
        return fs
            .readdirSync(full)
            .filter((n) => n !== "node_modules")
            .flatMap((n) => walk(path.join(rel, n)));
    };
    return SOURCE_ROOTS.flatMap(walk)
        .filter((f) => !f.endsWith(".d.ts") && !/\.generated\.ts$/.test(f))
        .sort();
}

/** One function-like node and its length in lines (first line to last, both counted). */
export interface FunctionSize {
    readonly file: string;
    readonly name: string;
    readonly line: number;
    readonly lines: number;
}

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
    if (ts.isConstructorDeclaration(node))
        return `${ts.isClassLike(node.parent) ? (node.parent.name?.text ?? "class") : "class"} constructor`;
    const named = node as { name?: ts.Node };
    if (named.name) return named.name.getText(sf);
    // An arrow or function expression: the variable or property it is assigned to.
    const parent = node.parent;
    if (
        parent &&
        (ts.isVariableDeclaration(parent) ||
            ts.isPropertyAssignment(parent) ||
            ts.isPropertyDeclaration(parent))
    )
        return parent.name.getText(sf);
    return "(anonymous)";
}

/** Every function, method, constructor, accessor, arrow and function expression of a source text. */
export function functionSizes(file: string, text: string): FunctionSize[] {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const sizes: FunctionSize[] = [];
    const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body !== undefined) {
            const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
            const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
            sizes.push({ file, name: nameOf(node, sf), line: start + 1, lines: end - start + 1 });
        }
        ts.forEachChild(node, visit);
    };
    visit(sf);
    return sizes;
}

/** Where a source text uses `any` as a type (1-based line numbers). */
export function anyTypes(file: string, text: string): number[] {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const lines: number[] = [];
    const visit = (node: ts.Node) => {
        if (node.kind === ts.SyntaxKind.AnyKeyword)
            lines.push(sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1);
        ts.forEachChild(node, visit);
    };
    visit(sf);
    return lines;
}

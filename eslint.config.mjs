// ESLint flat config: typescript-eslint's recommended and promise rules plus Pulumi's rule that
// catches Outputs interpolated into template strings (they print "Calling [toString]...").
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
    { ignores: ["node_modules/**", "bin/**", "build/**", "policies/node_modules/**"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            // Type-aware rules that catch Pulumi mistakes: forgotten promises, awaited non-promises.
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-misused-promises": "error",
            "@typescript-eslint/await-thenable": "error",
            // Engine payloads (props, protobuf requests) are untyped by nature.
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
        },
    },
    {
        files: ["**/*.mjs", "**/*.js", "**/*.cjs"],
        ...tseslint.configs.disableTypeChecked,
    },
    // CommonJS config files (.mocharc.cjs) load modules the CommonJS way.
    { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
);

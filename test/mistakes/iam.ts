import { Mutator } from "../policyHarness";
import { ALL_VIEWS, ids, Mistake, TAGS } from "./mistake";

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** Wildcard and admin grants, and secrets written in plain text. */
export const IAM_MISTAKES: Mistake[] = [
    // --- plaintext secrets
    {
        what: "an AWS access key in the launch template's user data",
        mutate: (m) =>
            m.set(
                "chatmrpt-web-lt",
                "userData",
                b64(
                    `${Buffer.from(ids.ltUserData, "base64").toString()}\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n`,
                ),
            ),
        policy: "no-plaintext-secrets",
        views: ["up"],
        messages: [
            "user data must fetch secrets at boot (SSM Parameter Store or Secrets Manager), not contain them; found an AWS access key ID",
        ],
    },
    {
        what: "a literal password in the launch template's user data",
        mutate: (m) =>
            m.set(
                "chatmrpt-web-lt",
                "userData",
                b64(
                    `${Buffer.from(ids.ltUserData, "base64").toString()}\nREDIS_PASSWORD="hunter2-but-longer"\n`,
                ),
            ),
        policy: "no-plaintext-secrets",
        views: ["up"],
        messages: [
            "user data must fetch secrets at boot (SSM Parameter Store or Secrets Manager), not contain them; found REDIS_PASSWORD set to a literal",
        ],
    },
    {
        what: "a literal token in an ECS task definition's environment",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-worker-task",
                type: "aws:ecs/taskDefinition:TaskDefinition",
                props: {
                    family: "worker",
                    tags: TAGS,
                    containerDefinitions: JSON.stringify([
                        {
                            name: "worker",
                            image: "x",
                            environment: [
                                { name: "LOG_LEVEL", value: "info" },
                                { name: "OPENAI_API_KEY", value: "sk-live-123" },
                            ],
                            secrets: [
                                {
                                    name: "DB_PASSWORD",
                                    valueFrom: "arn:aws:ssm:us-east-2:123456789012:parameter/db",
                                },
                            ],
                        },
                    ]),
                },
            }),
        policy: "no-plaintext-secrets",
        views: ["up"],
        messages: [
            "container worker environment OPENAI_API_KEY must not hold a literal secret (use the container's secrets (valueFrom)); found a literal value",
        ],
    },
    {
        what: "a private key in an ECS task definition's environment under an innocent name",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-worker-task",
                type: "aws:ecs/taskDefinition:TaskDefinition",
                props: {
                    family: "worker",
                    tags: TAGS,
                    containerDefinitions: JSON.stringify([
                        {
                            name: "worker",
                            image: "x",
                            environment: [
                                { name: "TLS_MATERIAL", value: "-----BEGIN RSA PRIVATE KEY-----\nMIIE" },
                            ],
                        },
                    ]),
                },
            }),
        policy: "no-plaintext-secrets",
        views: ["up"],
        messages: [
            "container worker environment TLS_MATERIAL must not hold a literal secret (use the container's secrets (valueFrom)); found a private key",
        ],
    },
    {
        what: "a literal token in a Lambda function's environment",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-hook",
                type: "aws:lambda/function:Function",
                props: {
                    role: "arn:aws:iam::123456789012:role/x",
                    tags: TAGS,
                    environment: {
                        variables: {
                            SLACK_TOKEN: "xoxb-1234",
                            DB_PASSWORD_PARAM: "arn:aws:ssm:us-east-2:123456789012:parameter/db",
                        },
                    },
                },
            }),
        policy: "no-plaintext-secrets",
        views: ["up"],
        messages: [
            "environment.variables SLACK_TOKEN must not hold a literal secret (use a reference to SSM or Secrets Manager); found a literal value",
        ],
    },
    // --- IAM wildcards and broad managed policies
    {
        what: "an inline role policy allowing s3:* on the uploads bucket",
        mutate: (m) =>
            m.set(
                "chatmrpt-web-app-access",
                "policy",
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::uploads/*" },
                    ],
                }),
            ),
        policy: "iam-no-wildcard-or-admin",
        views: ["up"],
        messages: [
            'policy must name its actions and resources; found statement All allows every action of ["s3:*"]',
        ],
    },
    {
        what: 'an inline role policy on Resource "*"',
        mutate: (m) =>
            m.set(
                "chatmrpt-web-app-access",
                "policy",
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" },
                        { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" },
                    ],
                }),
            ),
        policy: "iam-no-wildcard-or-admin",
        views: ["up"],
        messages: [
            'policy must name its actions and resources; found statement #0 allows ["s3:GetObject"] on Resource "*"',
        ],
    },
    {
        what: "a managed policy allowing everything but IAM",
        mutate: (m) =>
            m.add("chatmrpt-web-app-access", {
                name: "chatmrpt-ops-policy",
                type: "aws:iam/policy:Policy",
                props: {
                    tags: TAGS,
                    policy: {
                        Version: "2012-10-17",
                        Statement: {
                            Sid: "Ops",
                            Effect: "Allow",
                            NotAction: "iam:*",
                            Resource: "arn:aws:s3:::x",
                        },
                    },
                },
            }),
        policy: "iam-no-wildcard-or-admin",
        views: ["up"],
        messages: [
            "policy must name its actions and resources; found statement Ops allows NotAction iam:* (everything else)",
        ],
    },
    {
        what: 'a role inline policy allowing "*" on "*"',
        mutate: (m) =>
            m.set("chatmrpt-web-instance-role", "inlinePolicies", [
                {
                    name: "break-glass",
                    policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
                },
            ]),
        policy: "iam-no-wildcard-or-admin",
        views: ["up"],
        messages: [
            'inline policy break-glass must name its actions and resources; found statement #0 allows every action of ["*"]; statement #0 allows ["*"] on Resource "*"',
        ],
    },
    {
        what: "AdministratorAccess attached to the instance role",
        mutate: (m) =>
            m.set("chatmrpt-web-ssm-core", "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"),
        policy: "iam-no-wildcard-or-admin",
        views: ["up"],
        messages: [
            "AWS managed policies granting a whole service or the account must not be attached; found arn:aws:iam::aws:policy/AdministratorAccess",
        ],
    },
    {
        what: "AmazonS3FullAccess in the role's managedPolicyArns",
        mutate: (m) =>
            m.set("chatmrpt-web-instance-role", "managedPolicyArns", [
                "arn:aws:iam::aws:policy/AmazonS3FullAccess",
            ]),
        policy: "iam-no-wildcard-or-admin",
        views: ["up"],
        messages: [
            "AWS managed policies granting a whole service or the account must not be attached; found arn:aws:iam::aws:policy/AmazonS3FullAccess",
        ],
    },
    ...[
        "AmazonS3FullAccess",
        "AWSLambda_FullAccess",
        "CloudWatchFullAccessV2",
        "AmazonDynamoDBFullAccess_v2",
    ].map((name): Mistake => ({
        what: `${name} attached to the instance role`,
        policy: "iam-no-wildcard-or-admin",
        views: ALL_VIEWS,
        mutate: (m: Mutator) =>
            m.add("chatmrpt-web-ssm-core", {
                name: "x-attach",
                props: {
                    role: m.get("chatmrpt-web-ssm-core").inputs.role,
                    policyArn: `arn:aws:iam::aws:policy/${name}`,
                },
            }),
        messages: [
            `AWS managed policies granting a whole service or the account must not be attached; found arn:aws:iam::aws:policy/${name}`,
        ],
    })),
];

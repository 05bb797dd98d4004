import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The two alert topics: the stack region's, and us-east-1's for the CloudFront and WAF alarms. */
export interface AlertTopics {
    readonly regional: aws.sns.Topic;
    readonly global: aws.sns.Topic;
}

/** Both alert topics, each with an email subscription per address, children of `parent`. */
export function alertTopics(
    name: string,
    parent: pulumi.Resource,
    emails: pulumi.Input<string>[],
    usEast1Provider: aws.Provider,
    tags: Record<string, string>,
): AlertTopics {
    // Not KMS-encrypted: CloudWatch cannot publish to a topic under the AWS-managed SNS key.
    const regional = new aws.sns.Topic(
        `${name}-alerts`,
        { displayName: "ChatMRPT alerts", tags },
        { parent },
    );
    const global = new aws.sns.Topic(
        `${name}-alerts-us-east-1`,
        { displayName: "ChatMRPT CloudFront alerts", tags },
        { parent, provider: usEast1Provider },
    );
    emails.forEach((email, i) => {
        new aws.sns.TopicSubscription(
            `${name}-email-${i + 1}`,
            { topic: regional.arn, protocol: "email", endpoint: checkedEmail(email) },
            { parent },
        );
        new aws.sns.TopicSubscription(
            `${name}-email-${i + 1}-us-east-1`,
            { topic: global.arn, protocol: "email", endpoint: checkedEmail(email) },
            { parent, provider: usEast1Provider },
        );
    });
    return { regional, global };
}

/** The shape of an address SNS can deliver to (the config layer checks the stricter RFC 5321 form). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Throws on an address given as plain text that is not one; the constructor calls it before creating anything. */
export function checkAlertEmails(emails: readonly pulumi.Input<string>[]): void {
    for (const email of emails) {
        if (typeof email === "string" && !EMAIL.test(email))
            throw new Error(`alertEmails (${email}) must be an email address`);
    }
}

/** A plain address as it is (checked up front); an Output checked once it resolves. */
function checkedEmail(email: pulumi.Input<string>): pulumi.Input<string> {
    if (typeof email === "string") return email;
    return pulumi.output(email).apply((value) => {
        if (!EMAIL.test(value)) throw new Error(`alertEmails (${value}) must be an email address`);
        return value;
    });
}

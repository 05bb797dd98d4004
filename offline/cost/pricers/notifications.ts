/** SNS: email notifications, billed per delivery after the account's always-free 1,000 a month. */
import { Pricer } from "../context";

const EMAIL_PROTOCOLS = new Set(["email", "email-json"]);

const subscription: Pricer = (r, ctx) => {
    const protocol = String(r.inputs.protocol);
    if (!EMAIL_PROTOCOLS.has(protocol)) {
        ctx.missing(r, `SNS ${protocol} deliveries are not priced (only email)`);
        return;
    }
    const emails = ctx.usage.snsEmailsPerSubscription;
    if (emails === undefined) {
        ctx.missing(r, "no usage for the emails a subscription receives (snsEmailsPerSubscription)");
        return;
    }
    // The always-free 1,000 a month are account-wide: taken by the subscriptions in order.
    const free = Math.min(emails, ctx.snsEmailsFreeLeft);
    ctx.snsEmailsFreeLeft -= free;
    ctx.line(
        r,
        `SNS email notifications (${emails}, ${free} in the always-free allowance)`,
        (emails - free) / 100000,
        "100k notifications",
        ctx.regional(r, "snsEmailPer100k"),
    );
};

export const NOTIFICATION_PRICERS: Record<string, Pricer> = {
    "aws:sns/topicSubscription:TopicSubscription": subscription,
};

#!/usr/bin/env bash
# Fails unless every SNS topic whose name starts with the prefix has a confirmed
# subscription and none pending. SNS delivers nothing to a subscription until its email is
# confirmed (the link in it works for two days) and publishes no metric for pending ones: an
# alarm would fire into the void. The nightly drift job runs this and reports a failure in
# the drift issue, which reaches people through GitHub, not SNS.
#
# usage: check-alert-subscriptions.sh <topic-name-prefix> <region>...
set -euo pipefail

prefix="${1:?usage: check-alert-subscriptions.sh <topic-name-prefix> <region>...}"
shift
if [ "$#" -eq 0 ]; then
    echo "usage: check-alert-subscriptions.sh <topic-name-prefix> <region>..." >&2
    exit 2
fi

problems=0
found=0
for region in "$@"; do
    # The CLI follows NextToken itself: these are every topic and subscription of the region.
    topics=$(aws sns list-topics --region "$region" \
        --query "Topics[?contains(TopicArn, ':${prefix}')].TopicArn" --output text)
    subscriptions=$(aws sns list-subscriptions --region "$region" \
        --query "Subscriptions[?contains(TopicArn, ':${prefix}')].[TopicArn,Endpoint,SubscriptionArn]" --output text)
    for topic in $topics; do
        [ "$topic" = "None" ] && continue
        found=$((found + 1))
        confirmed=0
        while IFS=$'\t' read -r arn endpoint subscription; do
            [ "$arn" = "$topic" ] || continue
            case "$subscription" in
                PendingConfirmation)
                    echo "PENDING   $topic -> $endpoint: the confirmation email was never confirmed (docs/operations.md, On call)"
                    problems=$((problems + 1)) ;;
                arn:*)
                    echo "confirmed $topic -> $endpoint"
                    confirmed=$((confirmed + 1)) ;;
            esac
        done <<<"$subscriptions"
        if [ "$confirmed" -eq 0 ]; then
            echo "NOBODY    $topic: no confirmed subscription, its alarms reach no one"
            problems=$((problems + 1))
        fi
    done
done
if [ "$found" -eq 0 ]; then
    echo "NO TOPIC  named ${prefix}* in $*: the alerts go nowhere this check can see"
    problems=$((problems + 1))
fi
if [ "$problems" -gt 0 ]; then
    echo "$problems alert subscription problem(s)."
    exit 1
fi
echo "Every ${prefix}* topic has confirmed subscriptions and none pending."

#!/usr/bin/env bash
# Waits for the instance refresh that `pulumi up` started and fails the deploy unless it
# succeeds. The provider starts the refresh when the launch template version changes and
# returns without waiting for it, so `up` alone reports success for an image that never
# passes /health.
#
# usage: wait-for-instance-refresh.sh <auto-scaling-group-name> <deploy-start-epoch-seconds>
# env:   POLL_SECONDS (default 30), MAX_WAIT_SECONDS (default 2400: two instances, a 300 s
#        warmup each, and a rollback after a failure fit well inside it)
set -euo pipefail

asg="${1:?usage: wait-for-instance-refresh.sh <auto-scaling-group-name> <deploy-start-epoch-seconds>}"
since="${2:?usage: wait-for-instance-refresh.sh <auto-scaling-group-name> <deploy-start-epoch-seconds>}"
poll="${POLL_SECONDS:-30}"
max="${MAX_WAIT_SECONDS:-2400}"
waited=0

while :; do
    line=$(aws autoscaling describe-instance-refreshes --auto-scaling-group-name "$asg" --max-records 1 \
        --query 'InstanceRefreshes[0].[InstanceRefreshId,Status,StartTime,StatusReason]' --output text)
    IFS=$'\t' read -r id status start reason <<<"$line" || true
    if [ -z "${id:-}" ] || [ "$id" = "None" ]; then
        echo "No instance refresh on $asg: this deploy rolled no instances."
        exit 0
    fi
    if [ "$(date -u -d "$start" +%s)" -lt "$since" ]; then
        echo "No instance refresh started by this deploy (latest: $id, $status, started $start)."
        exit 0
    fi
    case "$status" in
        Successful)
            echo "Instance refresh $id succeeded."
            exit 0 ;;
        Failed | Cancelled | RollbackFailed | RollbackSuccessful)
            # Rollback*: someone rolled the refresh back by hand; the new image did not go out.
            echo "::error::Instance refresh $id on $asg ended $status: ${reason:-no reason given}. Roll back by pinning the previous AMI (docs/operations.md, Rollouts and rollbacks)."
            exit 1 ;;
    esac
    if [ "$waited" -ge "$max" ]; then
        echo "::error::Instance refresh $id on $asg still $status after ${max} s."
        exit 1
    fi
    echo "Instance refresh $id: $status (${waited} s)"
    sleep "$poll"
    waited=$((waited + poll))
done

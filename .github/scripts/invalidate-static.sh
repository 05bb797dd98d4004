#!/usr/bin/env bash
# Invalidates /static/* on the distribution users reach, after a release, and waits until
# the edge serves the new files. The app's static URLs carry no content hash, so CloudFront
# would serve the previous release's files for up to a day (the static behaviour's TTL).
#
# usage: invalidate-static.sh <cloudfront-distribution-id>
set -euo pipefail

distribution="${1:?usage: invalidate-static.sh <cloudfront-distribution-id>}"
# One wildcard path counts as one path against the 1,000 free a month.
id=$(aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/static/*' \
    --query 'Invalidation.Id' --output text)
echo "Invalidation $id of /static/* on $distribution created; waiting for it to complete."
# The waiter polls every 20 s, 30 times (10 minutes), and fails after that.
aws cloudfront wait invalidation-completed --distribution-id "$distribution" --id "$id"
echo "Invalidation $id completed."

// CloudFront Function (runtime cloudfront-js-2.0), associated with both the viewer-request
// and the viewer-response event of every cache behavior. Built by originRouter.ts, which
// fills in CONFIG (below) with the two sides' origin IDs, key names and the fallback side.
// Sides are the words "legacy" and "app" (the routing key's and the header's values);
// CONFIG.originIds maps each to the distribution's origin ID it selects.
//
// viewer-request: picks the origin for this request, in this order:
//   1. the override header, when it carries the token stored in the KeyValueStore: that side;
//   2. the KeyValueStore's routing key: "legacy", "app", or "app:<0-100>" (whole percent);
//   3. anything else (missing key, bad value, KVS error): the fallback side from config.
// viewer-response: gives a viewer without a bucket cookie the bucket its request was routed by.
//
// Stickiness without state: a viewer's bucket (0-99) is its cookie, or, on its first request,
// a hash of CloudFront's requestId. Both events of one request see the same requestId (a
// viewer-response function sees the viewer's original request, not the one a viewer-request
// function changed), so the cookie set on the response is the bucket the request was routed by.
import cf from 'cloudfront';

const CONFIG = __ROUTER_CONFIG__;
const kvs = cf.kvs();

// FNV-1a, 32 bit, with shifts in place of Math.imul (kept to ES5 operators on purpose).
function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0;
    }
    return h;
}

function cookieBucket(request) {
    var cookie = request.cookies && request.cookies[CONFIG.cookieName];
    var value = cookie && cookie.value;
    return typeof value === 'string' && /^(0|[1-9][0-9]?)$/.test(value) ? Number(value) : -1;
}

function bucketOf(event) {
    var fromCookie = cookieBucket(event.request);
    return fromCookie >= 0 ? fromCookie : hash(String(event.context.requestId)) % 100;
}

// "legacy" | "app" | "app:<n>" with n a whole number 0-100 and no leading zeros; else null.
function parseRouting(value) {
    if (typeof value !== 'string') return null;
    var v = value.trim();
    if (v === 'legacy' || v === 'app') return { percent: v === 'app' ? 100 : 0 };
    var m = /^app:(100|[1-9]?[0-9])$/.exec(v);
    return m ? { percent: Number(m[1]) } : null;
}

// Same work whatever the first difference, so response times do not leak the token.
function sameToken(given, expected) {
    if (given.length !== expected.length) return false;
    var diff = 0;
    for (var i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
    return diff === 0;
}

async function forcedSide(request) {
    var header = request.headers[CONFIG.overrideHeader];
    if (!header) return null;
    // The token never reaches either origin (nor its logs).
    delete request.headers[CONFIG.overrideHeader];
    var value = String(header.value);
    var colon = value.indexOf(':');
    var side = value.slice(0, colon);
    if (colon < 0 || (side !== 'legacy' && side !== 'app')) return null;
    var expected;
    try {
        expected = await kvs.get(CONFIG.overrideTokenKey);
    } catch (e) { // eslint-disable-line @typescript-eslint/no-unused-vars -- the runtime may not take `catch {`
        return null; // no token stored: overrides are off
    }
    // A short or empty stored token would be guessable: treat it as no token.
    if (typeof expected !== 'string' || expected.length < CONFIG.minTokenLength) return null;
    return sameToken(value.slice(colon + 1), expected) ? side : null;
}

async function routedSide(event) {
    var routing = null;
    try {
        routing = parseRouting(await kvs.get(CONFIG.routingKey));
    } catch (e) { // eslint-disable-line @typescript-eslint/no-unused-vars -- the runtime may not take `catch {`
        routing = null; // key missing or store unreachable
    }
    if (routing === null) return CONFIG.fallback;
    return bucketOf(event) < routing.percent ? 'app' : 'legacy';
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- CloudFront calls handler by name
async function handler(event) {
    if (event.context.eventType === 'viewer-response') {
        var response = event.response;
        if (!response.cookies) response.cookies = {};
        if (cookieBucket(event.request) < 0) {
            response.cookies[CONFIG.cookieName] = {
                value: String(bucketOf(event)),
                attributes: 'Path=/; Max-Age=' + CONFIG.cookieMaxAgeSeconds + '; Secure; HttpOnly; SameSite=Lax',
            };
        }
        return response;
    }
    var request = event.request;
    var side = await forcedSide(request);
    if (side === null) side = await routedSide(event);
    cf.selectRequestOriginById(CONFIG.originIds[side]);
    return request;
}

// Preloaded with `node --require` (through NODE_OPTIONS) by test/route.test.ts: resolves
// every *.localhost name to 127.0.0.1, as RFC 6761 §6.3 allows, so the KeyValueStore client,
// which puts the store's account ID in front of the endpoint host, reaches a loopback
// stand-in as <account>.localhost. Other names resolve as usual.
"use strict";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload
const dns = require("dns");

const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
    if (typeof options === "function") {
        callback = options;
        options = {};
    }
    if (typeof hostname === "string" && /(^|\.)localhost\.?$/i.test(hostname)) {
        const all = typeof options === "object" && options !== null && options.all;
        return process.nextTick(() =>
            all ? callback(null, [{ address: "127.0.0.1", family: 4 }]) : callback(null, "127.0.0.1", 4),
        );
    }
    return original.call(dns, hostname, options, callback);
};

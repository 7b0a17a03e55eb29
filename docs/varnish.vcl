vcl 4.1;
# Varnish in front of the newsroom (Debian: apt install varnish varnish-modules).
# nginx (TLS) → Varnish :6081 → gunicorn :8000; see docs/deployment.md.
#
# - Anonymous GET/HEAD of public pages is cached for the s-maxage the app sends
#   (no longer than the next scheduled publication or local midnight).
# - The admin, previews (under /admin/), anyone with a session, the display switch
#   and the health probes pass to the app; a response that sets a cookie or says
#   private/no-store is never stored.
# - The large-text mode (cookie "display=large") is a cached copy of its own;
#   every other cookie is dropped from cached requests.
# - The app purges by surrogate key (its xkey header) with
#   "PURGE / + xkey-purge: key key…", accepted only from the addresses in
#   `purgers` (set CACHE_PURGE_SERVERS=http://127.0.0.1:6081 in the app).
# - If the app is down (health probe failing), pages are served stale for up to a
#   day; while it is up, for at most 30 s while a fresh copy is fetched.

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|display|healthz|readyz)(/|$|\?)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Keep only the display mode: it is part of the cache key (vcl_hash).
    if (req.http.Cookie ~ "(^|;\s*)display=large(;|$)") {
        set req.http.Cookie = "display=large";
    } else {
        unset req.http.Cookie;
    }
    # Stale copies only when the app cannot answer; otherwise briefly, while a
    # fresh copy is fetched in the background.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    if (req.http.Cookie) {
        hash_data(req.http.Cookie);
    }
    return (lookup);
}

sub vcl_backend_response {
    # A failing app does not replace a good stale copy fetched in the background.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Only what the app marks public is kept: never a response setting a cookie,
    # a private one, an error or a redirect of the display switch.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control ~ "(private|no-store)"
        || beresp.status != 200) {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Varnish-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
    # The surrogate keys are for this cache, not for browsers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}

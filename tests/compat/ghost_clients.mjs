// Drives a running Inkwell with Ghost's official JavaScript clients, exactly as a Ghost user's
// script would, and prints one JSON object: for every call, what the client returned (rebuilt
// into the response body Ghost sends, so it can be compared with Ghost's own answers) or the
// error it threw.
//
//   node ghost_clients.mjs SITE_URL CONTENT_KEY ADMIN_KEY IMAGE_PATH
//
// Every call runs even when an earlier one failed (a failure is recorded, not fatal), so one
// run tells everything that differs. The exit code is 0 unless the script itself broke.

import GhostAdminAPI from "@tryghost/admin-api";
import GhostContentAPI from "@tryghost/content-api";

const [siteUrl, contentKey, adminKey, imagePath] = process.argv.slice(2);
if (!siteUrl || !contentKey || !adminKey || !imagePath) {
    process.stderr.write("usage: node ghost_clients.mjs SITE_URL CONTENT_KEY ADMIN_KEY IMAGE_PATH\n");
    process.exit(2);
}

const results = {};

// The body Ghost sent, rebuilt from what a client returns: browse answers are arrays with a
// `meta` property, reads one object, settings a plain object.
function asBody(resource, value) {
    if (Array.isArray(value)) {
        return {[resource]: [...value], meta: value.meta};
    }
    if (resource === "settings" || resource === "site") {
        return {[resource]: value};
    }
    return {[resource]: [value]};
}

// The client copies the first entry of Ghost's `errors` list onto the Error it throws.
const ERROR_FIELDS = ["message", "context", "type", "details", "property", "help", "code", "id",
    "ghostErrorCode"];

function asError(error) {
    const entry = {};
    for (const field of ERROR_FIELDS) {
        if (field in error) {
            entry[field] = error[field];
        }
    }
    const status = error.response ? error.response.status : null;
    return {errors: [entry], status, message: String(error.message)};
}

async function call(name, resource, run) {
    try {
        const value = await run();
        results[name] = {ok: true, body: asBody(resource, value)};
        return value;
    } catch (error) {
        results[name] = {ok: false, error: asError(error)};
        return null;
    }
}

const content = new GhostContentAPI({url: siteUrl, key: contentKey, version: "v5.0"});
const admin = new GhostAdminAPI({url: siteUrl, key: adminKey, version: "v5.0"});
// A key of the right shape that no integration has.
const strangerKey = contentKey.replace(/./g, (c) => (c === "0" ? "1" : "0"));
const stranger = new GhostContentAPI({url: siteUrl, key: strangerKey, version: "v5.0"});

// --- Content API -----------------------------------------------------------------------------
await call("content_posts", "posts", () => content.posts.browse({include: "tags,authors"}));
await call("content_posts_limit2", "posts",
    () => content.posts.browse({include: "tags,authors", limit: 2}));
await call("content_posts_page2", "posts",
    () => content.posts.browse({include: "tags,authors", limit: 2, page: 2}));
await call("content_posts_filter_tag", "posts",
    () => content.posts.browse({include: "tags,authors", filter: "tag:python"}));
await call("content_posts_filter_combined", "posts", () => content.posts.browse({
    include: "tags,authors",
    filter: "tags:[databases,writing]+published_at:>'2026-01-01'",
    order: "published_at asc",
}));
await call("content_posts_fields", "posts",
    () => content.posts.browse({fields: "title,slug,url", limit: "all"}));
await call("content_post_by_slug", "posts",
    () => content.posts.read({slug: "sqlite-on-a-tiny-server"}));
await call("content_post_by_slug_included", "posts",
    () => content.posts.read({slug: "sqlite-on-a-tiny-server"}, {include: "tags,authors"}));
await call("content_post_unknown_slug", "posts",
    () => content.posts.read({slug: "no-such-post"}));
await call("content_tags", "tags", () => content.tags.browse({include: "count.posts"}));
await call("content_tags_plain", "tags", () => content.tags.browse());
await call("content_tag_by_slug", "tags", () => content.tags.read({slug: "python"}));
const authors = await call("content_authors", "authors", () => content.authors.browse());
await call("content_author_by_slug", "authors", () => authors && authors.length
    ? content.authors.read({slug: authors[0].slug})
    : Promise.reject(new Error("no author to read")));
await call("content_settings", "settings", () => content.settings.browse());
await call("content_tiers", "tiers", () => content.tiers.browse());
await call("content_bad_key", "posts", () => stranger.posts.browse());

// --- Admin API -------------------------------------------------------------------------------
const html = "<p>Written by <strong>Ghost's Admin API client</strong>.</p><h2>A heading</h2>"
    + "<ul><li>one</li><li>two</li></ul>";
const added = await call("admin_add_html", "posts", () => admin.posts.add(
    {title: "From the admin client", html, status: "published", tags: ["Compat", "python"]},
    {source: "html", formats: "html,lexical,mobiledoc"},
));
await call("admin_read", "posts", () => added
    ? admin.posts.read({id: added.id}, {formats: "html"})
    : Promise.reject(new Error("no post was added")));
const edited = await call("admin_edit", "posts", () => added
    ? admin.posts.edit({id: added.id, updated_at: added.updated_at, title: "Edited by the client"})
    : Promise.reject(new Error("no post was added")));
// Still the first updated_at: someone else saved meanwhile, as far as this edit knows.
await call("admin_edit_stale", "posts", () => added
    ? admin.posts.edit({id: added.id, updated_at: added.updated_at, title: "A stale edit"})
    : Promise.reject(new Error("no post was added")));
await call("admin_read_after_stale", "posts", () => added
    ? admin.posts.read({id: added.id})
    : Promise.reject(new Error("no post was added")));
const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
const scheduled = await call("admin_add_scheduled", "posts", () => admin.posts.add(
    {title: "Scheduled by the client", html: "<p>Later.</p>", status: "scheduled",
        published_at: inAWeek},
    {source: "html"},
));
await call("admin_browse", "posts",
    () => admin.posts.browse({filter: "status:scheduled", limit: 5}));
await call("admin_tags", "tags", () => admin.tags.browse({limit: "all"}));
await call("admin_users", "users", () => admin.users.browse());
await call("admin_site", "site", () => admin.site.read());
await call("admin_upload_image", "images",
    () => admin.images.upload({file: imagePath, ref: "compat-pixel.png"}));
await call("admin_delete", "posts", async () => {
    if (!added) {
        throw new Error("no post was added");
    }
    await admin.posts.delete({id: added.id});
    if (scheduled) {
        await admin.posts.delete({id: scheduled.id});
    }
    return {id: added.id, deleted: true};
});
await call("admin_read_deleted", "posts", () => added
    ? admin.posts.read({id: added.id})
    : Promise.reject(new Error("no post was added")));

// What the Content API says about the deleted post: it must be gone there too.
await call("content_deleted_post", "posts", () => added
    ? content.posts.read({id: added.id})
    : Promise.reject(new Error("no post was added")));

results._meta = {edited_title: edited ? edited.title : null, scheduled_at: inAWeek};
process.stdout.write(JSON.stringify(results) + "\n");

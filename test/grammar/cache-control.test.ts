// SYNTAX TEST "source.ts" "cache_control / cacheControl keys stand out in TypeScript"
const block = { type: "text", text: "hi", cache_control: { type: "ephemeral" } };
//                                        ^^^^^^^^^^^^^ keyword.other.cache-control.prompt-cache-lint
const options = { providerOptions: { anthropic: { cacheControl: { type: "ephemeral" } } } };
//                                                ^^^^^^^^^^^^ keyword.other.cache-control.prompt-cache-lint
const quoted = { "cache_control": { type: "ephemeral" } };
//                ^^^^^^^^^^^^^ keyword.other.cache-control.prompt-cache-lint
const cacheControlled = 1;
//    ^^^^^^^^^^^^^^^ - keyword.other.cache-control.prompt-cache-lint

# SYNTAX TEST "source.python" "cache_control keys stand out in Python"
block = {"type": "text", "text": "hi", "cache_control": {"type": "ephemeral"}}
#                                       ^^^^^^^^^^^^^ keyword.other.cache-control.prompt-cache-lint
#                                       ^^^^^^^^^^^^^ string.quoted.single.python
client.messages.create(model="claude-sonnet-4-5", cache_control={"type": "ephemeral"})
#                                                 ^^^^^^^^^^^^^ keyword.other.cache-control.prompt-cache-lint
sizes = {"cache_size": 1, "my_cache_control_x": 2}
#         ^^^^^^^^^^ - keyword.other.cache-control.prompt-cache-lint
#                          ^^^^^^^^^^^^^^^^^^ - keyword.other.cache-control.prompt-cache-lint

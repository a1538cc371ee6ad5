/**
 * A cheap text pre-check for whole-repository runs: a file can hold a Claude request only if it
 * names one of the calls the request finders recognise — the Messages API's `messages` as a
 * resource or a request key (`client.messages.create`, `"messages": …`, `messages=…`,
 * `{ model, messages }`), Bedrock's InvokeModel and
 * Converse, LiteLLM's `completion(...)`/`acompletion(...)` and
 * OpenAI-compatible `.completions` / `/chat/completions`, the AI SDK's functions and agents (imported
 * from "ai"), or LangChain/LangGraph. A file naming none of them is not parsed at all; it is never
 * used to report anything. A module such a file imports is still read when an importer needs it.
 */
const REQUEST_CUES = /\.messages\b|["'`]messages["'`]|\bmessages\s*[=:](?!=)|\bmessages\s*[,}]|invoke_?[mM]odel|InvokeModel|\ba?completions?\s*\(|[./]completions?\b|[cC]onverse|generateText|streamText|generateObject|streamObject|ToolLoopAgent|Experimental_Agent|langchain|langgraph|['"]ai['"]/;

export function mayHoldRequest(text: string): boolean {
  return REQUEST_CUES.test(text);
}

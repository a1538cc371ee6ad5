"""A retrieval bot on LangChain (langchain-anthropic, langchain-aws).

Good: `answer` caches the long support guide through a content block's cache_control.
Bad: `answer_with_document` puts cache_control in additional_kwargs, which langchain-anthropic does not
send (nothing is cached); `bedrock_llm` passes cache_control in model_kwargs, which Bedrock rejects.
"""
from pathlib import Path

from langchain_anthropic import ChatAnthropic
from langchain_aws import ChatBedrock
from langchain_core.messages import HumanMessage, SystemMessage

SUPPORT_GUIDE = (Path(__file__).parent / "prompts" / "support-guide.md").read_text(encoding="utf-8")

llm = ChatAnthropic(model="claude-sonnet-4-5", max_tokens=1024)


def answer(question: str) -> str:
    reply = llm.invoke(
        [
            SystemMessage(content=[{"type": "text", "text": SUPPORT_GUIDE, "cache_control": {"type": "ephemeral"}}]),
            HumanMessage(content=question),
        ]
    )
    return reply.content


def answer_with_document(question: str, document: str) -> str:
    reply = llm.invoke(
        [
            SystemMessage(content=[{"type": "text", "text": SUPPORT_GUIDE, "cache_control": {"type": "ephemeral"}}]),
            HumanMessage(content=document, additional_kwargs={"cache_control": {"type": "ephemeral"}}),
            HumanMessage(content=question),
        ]
    )
    return reply.content


bedrock_llm = ChatBedrock(
    model_id="us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    model_kwargs={"max_tokens": 1024, "cache_control": {"type": "ephemeral"}},
)


def answer_on_bedrock(question: str) -> str:
    return bedrock_llm.invoke([("system", SUPPORT_GUIDE), ("human", question)]).content

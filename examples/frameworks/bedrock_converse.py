"""A support bot on Amazon Bedrock's Converse API (boto3).

Good: `answer` caches the support guide with a cachePoint element after it.
Bad: `answer_with_order` writes cache_control, which Converse does not have (boto3 rejects the request);
`answer_uncached` sends the whole guide on every call without a cachePoint.
"""
from pathlib import Path

import boto3

SUPPORT_GUIDE = (Path(__file__).parent / "prompts" / "support-guide.md").read_text(encoding="utf-8")
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"


def answer(question: str) -> str:
    response = bedrock.converse(
        modelId=MODEL_ID,
        system=[{"text": SUPPORT_GUIDE}, {"cachePoint": {"type": "default"}}],
        messages=[{"role": "user", "content": [{"text": question}]}],
    )
    return response["output"]["message"]["content"][0]["text"]


def answer_with_order(question: str, order: str) -> str:
    response = bedrock.converse(
        modelId=MODEL_ID,
        system=[{"text": SUPPORT_GUIDE}, {"cachePoint": {"type": "default"}}],
        messages=[
            {
                "role": "user",
                "content": [
                    {"text": order, "cache_control": {"type": "ephemeral"}},
                    {"text": question},
                ],
            }
        ],
    )
    return response["output"]["message"]["content"][0]["text"]


def answer_uncached(question: str) -> str:
    response = bedrock.converse(
        modelId=MODEL_ID,
        system=[
            {"text": SUPPORT_GUIDE},
        ],
        messages=[{"role": "user", "content": [{"text": question}]}],
    )
    return response["output"]["message"]["content"][0]["text"]

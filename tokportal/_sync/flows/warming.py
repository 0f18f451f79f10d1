# Generated from tokportal/_async/flows/warming.py by scripts/generate_sync.py; do not edit.
"""Hand-written flow of ``client.warming`` (the rest is generated from the spec):
``generate_terms`` also reads a bare list of terms as ``data``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._types import NOT_GIVEN, NotGiven
from ...models._base import attach_response
from ...models._enums import Platform
from ...models._parse import parse_model
from ...models.warming import GeneratedTerms
from ..resources._resource import Resource, omit_not_given

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class WarmingFlows(Resource):
    """The hand-written methods of ``client.warming`` (the others are generated)."""

    def generate_terms(
        self,
        *,
        text: str,
        platform: Platform | str | NotGiven = NOT_GIVEN,
        count: int | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> GeneratedTerms:
        """Suggest search terms for a niche description, in its language; free
        (``generateWarmingTerms``)."""
        body = omit_not_given({"text": text, "platform": platform, "count": count})
        response = self._request("generateWarmingTerms", body=body, **options)
        if isinstance(response.data, list):  # tolerate a bare list of terms as ``data``
            terms = GeneratedTerms(
                terms=[str(t) for t in response.data], raw={"terms": response.data}
            )
            attach_response(terms, response)
            return terms
        return parse_model(response, GeneratedTerms)

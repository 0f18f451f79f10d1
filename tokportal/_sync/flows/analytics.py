# Generated from tokportal/_async/flows/analytics.py by scripts/generate_sync.py; do not edit.
"""Hand-written flows of ``client.analytics`` (the rest is generated from the spec): the two
exports return text, and write it to ``path`` when given.

The argument types below are shared with the generated methods.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..._types import NOT_GIVEN, NotGiven
from ...models._enums import Platform
from ...models.analytics import ReportTemplate, TextResult, text_result
from ..resources._resource import Resource, omit_not_given

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions

DateLike = dt.date | dt.datetime | str
OneOrMany = str | Sequence[str]
PlatformFilter = Platform | str | Sequence[Platform | str]


def _save(result: TextResult) -> TextResult:
    """Write an export to its ``path`` when it has one (UTF-8, in binary mode so the export's
    own line endings are kept on every platform)."""
    if result.path is not None:
        result.path.write_bytes(result.encode("utf-8"))
    return result


class AnalyticsFlows(Resource):
    """The hand-written methods of ``client.analytics`` (the others are generated)."""

    def export_videos_csv(
        self,
        *,
        account: OneOrMany | NotGiven = NOT_GIVEN,
        workspace: str | NotGiven = NOT_GIVEN,
        platform: PlatformFilter | NotGiven = NOT_GIVEN,
        country: str | NotGiven = NOT_GIVEN,
        q: str | NotGiven = NOT_GIVEN,
        date_from: DateLike | NotGiven = NOT_GIVEN,
        date_to: DateLike | NotGiven = NOT_GIVEN,
        path: str | os.PathLike[str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> TextResult:
        """Post analytics as CSV text, also written to ``path`` (UTF-8) when given
        (``exportAnalyticsVideos``)."""
        query = omit_not_given(
            {
                "account": account,
                "workspace": workspace,
                "platform": platform,
                "country": country,
                "q": q,
                "from": date_from,
                "to": date_to,
            }
        )
        response = self._request("exportAnalyticsVideos", query=query, **options)
        return _save(text_result(response, path))

    def export_report_html(
        self,
        *,
        title: str | None | NotGiven = NOT_GIVEN,
        template: ReportTemplate | str | None | NotGiven = NOT_GIVEN,
        brand_name: str | None | NotGiven = NOT_GIVEN,
        brand_accent: str | None | NotGiven = NOT_GIVEN,
        account_ids: Sequence[str] | NotGiven = NOT_GIVEN,
        workspace_id: str | None | NotGiven = NOT_GIVEN,
        platforms: Sequence[Platform | str] | NotGiven = NOT_GIVEN,
        countries: Sequence[str] | NotGiven = NOT_GIVEN,
        query: str | None | NotGiven = NOT_GIVEN,
        date_from: DateLike | None | NotGiven = NOT_GIVEN,
        date_to: DateLike | None | NotGiven = NOT_GIVEN,
        path: str | os.PathLike[str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> TextResult:
        """The report as one HTML document, also written to ``path`` (UTF-8) when given
        (``exportAnalyticsReportHtml``)."""
        body = omit_not_given(
            {
                "title": title,
                "template": template,
                "brandName": brand_name,
                "brandAccent": brand_accent,
                "accountIds": account_ids,
                "workspaceId": workspace_id,
                "platforms": platforms,
                "countries": countries,
                "query": query,
                "from": date_from,
                "to": date_to,
            }
        )
        response = self._request("exportAnalyticsReportHtml", body=body, **options)
        return _save(text_result(response, path))

# SPDX-License-Identifier: EUPL-1.2
"""Generic comments: any app registers a model as commentable and includes the thread template.

    from bouwplaats.knowledge.comments import register_commentable
    register_commentable(Idea, is_open=lambda idea: idea.status != "declined")

then ``{% include "knowledge/_comments.html" with target=idea %}`` in the subject's page.
"""

from .registry import register_commentable, unregister_commentable

__all__ = ["register_commentable", "unregister_commentable"]

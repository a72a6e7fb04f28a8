"""Forms for asking and answering clarification questions, reused by every subject."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput
from wtforms import SubmitField, TextAreaField

from marketplace.forms import BaseForm, MaxLength, Required
from marketplace.questions.services import ANSWER_LIMIT, QUESTION_LIMIT


class AskQuestionForm(BaseForm):
    question = TextAreaField(
        "Your question",
        widget=GovCharacterCount(),
        description="Your question and its answer will be published to everyone, without your name or your "
        "organisation’s. Do not include anything that identifies you.",
        validators=[
            Required("Enter your question"),
            MaxLength(QUESTION_LIMIT, f"Your question must be {QUESTION_LIMIT:,} characters or fewer"),
        ],
    )
    submit = SubmitField("Send question", widget=GovSubmitInput())


class AnswerQuestionForm(BaseForm):
    public_question = TextAreaField(
        "Question as published",
        widget=GovCharacterCount(),
        description="Take out anything that identifies who asked",
        validators=[
            Required("Enter the question as it will be published"),
            MaxLength(QUESTION_LIMIT, f"The question must be {QUESTION_LIMIT:,} characters or fewer"),
        ],
    )
    answer = TextAreaField(
        "Answer",
        widget=GovCharacterCount(),
        validators=[
            Required("Enter the answer"),
            MaxLength(ANSWER_LIMIT, f"The answer must be {ANSWER_LIMIT:,} characters or fewer"),
        ],
    )
    submit = SubmitField("Publish answer", widget=GovSubmitInput())


class PublishQuestionForm(BaseForm):
    question = TextAreaField(
        "Question",
        widget=GovCharacterCount(),
        validators=[
            Required("Enter the question"),
            MaxLength(QUESTION_LIMIT, f"The question must be {QUESTION_LIMIT:,} characters or fewer"),
        ],
    )
    answer = TextAreaField(
        "Answer",
        widget=GovCharacterCount(),
        validators=[
            Required("Enter the answer"),
            MaxLength(ANSWER_LIMIT, f"The answer must be {ANSWER_LIMIT:,} characters or fewer"),
        ],
    )
    submit = SubmitField("Publish question and answer", widget=GovSubmitInput())

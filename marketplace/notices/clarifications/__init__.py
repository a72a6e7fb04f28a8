"""Questions for all on a notice, through the shared Q&A package (marketplace.questions)."""

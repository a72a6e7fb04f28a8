"""Clarification questions about anything (a framework, a notice…): asked privately, answered in public, anonymously.

Keyed by a generic subject (`subject_type`, `subject_id`); the domain that owns the subject
decides who may ask and who may answer, and sends any emails.
"""

"""The optional "Documents" section: insurance certificates, policies and accreditations."""

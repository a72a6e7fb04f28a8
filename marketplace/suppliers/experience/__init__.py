"""Optional profile sections that give buyers evidence: case studies and social value commitments."""

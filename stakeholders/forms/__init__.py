"""The stakeholders app's forms: one module per audience."""

"""The stakeholders app's views: one module per audience (see stakeholders/urls.py)."""

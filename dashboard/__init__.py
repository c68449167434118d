"""The Streamlit dashboard of syncmatrix."""

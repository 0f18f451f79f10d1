"""One module per resource group; each method serves one API operation."""

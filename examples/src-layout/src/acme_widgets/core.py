def render(widget):
    return f"<{widget}>"

"""One folder per page of the main window: the page, its models, dialogs and small widgets."""

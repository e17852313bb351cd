"""The documents made from a Plan: Markdown and HTML from templates, JSON, the
calendar, the PDF, and writing any of them to a file, a pipe or standard output."""

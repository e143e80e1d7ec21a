"""``ksr serve``: the local page (DESIGN §12, issue 15) – the commands' functions in a browser on the user's own computer.

``create_app(settings)`` (``app.py``) builds the Flask application: the routes (``pages.py``: start page, checking
a workbook, templates, downloads, help; ``views_run.py``: the ROPS inbox and ministry runs, their progress and
earlier runs), the security layer (``security.py``: access token, security headers, job ids) and the Polish
templates and static files shipped in the package. Settings, uploads and the job queue live in ``settings.py``,
``uploads.py`` and ``jobs.py``; every uploaded workbook is read only through the library's sandbox by a job.
"""

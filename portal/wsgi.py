import os

from django.core.wsgi import get_wsgi_application

# Never fall back to development settings on a server.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

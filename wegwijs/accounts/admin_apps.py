from django.contrib.admin.apps import AdminConfig


class WegwijsAdminConfig(AdminConfig):
    default_site = "wegwijs.accounts.admin_site.WegwijsAdminSite"

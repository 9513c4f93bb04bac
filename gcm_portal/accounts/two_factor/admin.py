"""django-otp registers its device models in the admin; the portal does not show them.

The TOTP device pages show each person's secret key and its QR code to every staff member.
A lost phone with lost recovery codes is reset with `manage.py reset_two_factor EMAIL`
(technical staff, on the server). Imported by gcm_portal/accounts/admin.py, which Django's
admin autodiscovery reaches after django-otp's own admin modules (INSTALLED_APPS order).
"""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

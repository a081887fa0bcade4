from django.conf import settings


def city(request):
    return {"city_name": settings.KYODO_CITY_NAME, "city_code": settings.KYODO_CITY_CODE}

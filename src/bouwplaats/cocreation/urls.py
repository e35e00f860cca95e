app_name = "cocreation"

urlpatterns = []

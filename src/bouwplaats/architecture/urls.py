app_name = "architecture"

urlpatterns = []

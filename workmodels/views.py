from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import work_model_list


@login_required
def work_model_index(request: HttpRequest) -> HttpResponse:
    return render(request, "workmodels/list.html", {"work_models": work_model_list()})

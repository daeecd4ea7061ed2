import pytest

REQUIRED = {
    "en": "This field is required.",
    "he": "חובה למלא שדה זה.",
    "lv": "Šis lauks ir obligāts.",
    "hu": "Ez a mező kötelező.",
}


@pytest.mark.parametrize("lang", REQUIRED)
def test_built_in_form_messages_speak_the_pages_language(client, lang):
    # WTForms ships no Latvian catalog; its messages come from ours in every language.
    response = client.post(f"/{lang}/login", data={})
    assert response.status_code == 422
    assert REQUIRED[lang] in response.get_data(as_text=True)

-- wrk script: POST one Azure-ML-style scoring request (about 120 bytes) on every call.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"input_data":{"columns":["sepal_length","sepal_width","petal_length","petal_width"],"data":[[6.7,3.0,5.2,2.3]]}}'

package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// conn is one load client's keep-alive HTTP/1.1 connection. The
// generator shares the machine's cores with the server it measures, and
// http.Transport spent about 40 µs of CPU a request (two goroutines a
// connection, a hand-off through channels each way, a header map built
// for every request): a fifth of a submission's whole budget. conn
// writes each request, already serialised, with one write and reads the
// response with http.ReadResponse on the same goroutine, so the figures
// measure the server rather than the generator.
type conn struct {
	addr string
	nc   net.Conn
	br   *bufio.Reader
}

func dial(addr string) *conn { return &conn{addr: addr} }

// do sends req, a whole HTTP/1.1 request, and reads the response's body
// into buf (dropping whatever does not fit, which no response here
// needs). It reconnects when the connection is closed.
func (c *conn) do(req []byte, buf []byte) (status int, header http.Header, n int, err error) {
	if c.nc == nil {
		nc, err := net.DialTimeout("tcp", c.addr, 5*time.Second)
		if err != nil {
			return 0, nil, 0, err
		}
		c.nc, c.br = nc, bufio.NewReaderSize(nc, 8<<10)
	}
	// A deadline guards against a server that stops answering.
	if err := c.nc.SetDeadline(time.Now().Add(30 * time.Second)); err != nil {
		return 0, nil, 0, c.fail(err)
	}
	if _, err := c.nc.Write(req); err != nil {
		return 0, nil, 0, c.fail(err)
	}
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		return 0, nil, 0, c.fail(err)
	}
	n, err = readAll(resp.Body, buf)
	resp.Body.Close()
	if err != nil {
		return 0, nil, 0, c.fail(err)
	}
	if resp.Close {
		c.close()
	}
	return resp.StatusCode, resp.Header, n, nil
}

func (c *conn) fail(err error) error {
	c.close()
	return err
}

func (c *conn) close() {
	if c.nc != nil {
		c.nc.Close()
		c.nc, c.br = nil, nil
	}
}

// readAll reads a small body into buf, which is big enough for every
// response the API sends here; a longer body is read and dropped.
func readAll(r io.Reader, buf []byte) (int, error) {
	n, err := io.ReadFull(r, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return n, nil
	case err != nil:
		return n, err
	}
	_, err = io.Copy(io.Discard, r)
	return n, err
}

// appendRequest appends an HTTP/1.1 request with the given headers
// (name, value pairs) and body to b.
func appendRequest(b []byte, method, host, path string, body []byte, headers ...string) []byte {
	b = fmt.Appendf(b, "%s %s HTTP/1.1\r\nHost: %s\r\n", method, path, host)
	for i := 0; i+1 < len(headers); i += 2 {
		b = append(b, headers[i]...)
		b = append(b, ": "...)
		b = append(b, headers[i+1]...)
		b = append(b, "\r\n"...)
	}
	if body != nil {
		b = fmt.Appendf(b, "Content-Length: %d\r\n", len(body))
	}
	b = append(b, "\r\n"...)
	return append(b, body...)
}
